/**
 * Whether an embed's target names a file (`shot.png`, `data.csv`) rather than a note: the index
 * reports a missing one as a missing attachment, the render shows it as one, and the health page
 * leaves it out of the notes people want written.
 */
export function namesAFile(name: string): boolean {
  const path = name.replace(/[#?].*$/, '');
  return /\.[A-Za-z0-9]{1,8}$/.test(path) && !/\.md$/i.test(path);
}
