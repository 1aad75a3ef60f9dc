import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order in which test files start: the integration and site files in turn, each project's
 * longest first (vitest's own order, known from earlier runs, else the largest file first), then
 * the unit files, which take seconds and fill the last gaps. Vitest's order starts one project only
 * once every file of the one before it has started, which left the longest browser tests for last.
 */
export class InterleavedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byProject = new Map<string, TestSpecification[]>();
    for (const spec of await super.sort(files)) {
      const project = byProject.get(spec.project.name) ?? [];
      project.push(spec);
      byProject.set(spec.project.name, project);
    }
    const unit = byProject.get('unit') ?? [];
    byProject.delete('unit');
    const interleaved: TestSpecification[] = [];
    const lists = [...byProject.values()];
    for (let index = 0; lists.some((list) => index < list.length); index++) {
      for (const list of lists) if (index < list.length) interleaved.push(list[index]!);
    }
    return [...interleaved, ...unit];
  }
}
