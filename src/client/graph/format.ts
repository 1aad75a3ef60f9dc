/** A count as the graph page writes it: `1,234`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en');
}
