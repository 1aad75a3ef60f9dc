import type { ElementContent, Properties } from 'hast';
import type { Data, Nodes, Parent, PhrasingContent, RootContent, Text } from 'mdast';

/**
 * An element the render stage builds in the Markdown tree (an embed frame, a callout, a media
 * player): remark-rehype turns it into `hName` with `hProperties`, and its children (or
 * `hChildren`, ready-made hast such as an icon) inside.
 */
export interface GardenElement extends Parent {
  type: 'gardenElement';
  children: RootContent[];
  data: GardenElementData;
}

export interface GardenElementData extends Data {
  hName: string;
  hProperties?: Properties | undefined;
  hChildren?: ElementContent[] | undefined;
}

declare module 'mdast' {
  interface Data {
    /**
     * Set on a subtree that is already rendered (an expanded embed, a resolved attachment): later
     * transforms of the note around it leave it alone, so that its links, resolved relative to the
     * embedded note, are not resolved a second time relative to the host.
     */
    gardenRendered?: boolean | undefined;
  }
  interface RootContentMap {
    gardenElement: GardenElement;
  }
  interface BlockContentMap {
    gardenElement: GardenElement;
  }
  interface PhrasingContentMap {
    gardenElement: GardenElement;
  }
}

export function element(hName: string, hProperties: Properties, children: RootContent[] = [], hChildren?: ElementContent[]): GardenElement {
  return { type: 'gardenElement', children, data: { hName, hProperties, ...(hChildren ? { hChildren } : {}) } };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

/** Properties for the hast element a node becomes (remark-rehype reads `data.hProperties`). */
export function withProperties<T extends Nodes>(node: T, properties: Properties): T {
  const data = (node.data ?? {}) as { hProperties?: Properties };
  node.data = { ...node.data, hProperties: { ...data.hProperties, ...properties } } as T['data'];
  return node;
}

export function markRendered<T extends Nodes>(node: T): T {
  node.data = { ...node.data, gardenRendered: true } as T['data'];
  return node;
}

export function isRendered(node: Nodes): boolean {
  return node.data?.gardenRendered === true;
}

/** Drops line breaks and white space at the two ends of a run of inline nodes. */
export function trimPhrasing(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const result = [...nodes];
  while (result[0]?.type === 'break') result.shift();
  while (result.at(-1)?.type === 'break') result.pop();
  const head = result[0];
  if (head?.type === 'text') result[0] = { ...head, value: head.value.trimStart() };
  const tail = result.at(-1);
  if (tail?.type === 'text') result[result.length - 1] = { ...tail, value: tail.value.trimEnd() };
  return result.filter((node) => node.type !== 'text' || node.value !== '');
}
