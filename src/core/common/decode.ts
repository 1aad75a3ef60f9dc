/** `decodeURIComponent`, or the value as it is when it is not valid percent-encoding (`100%`). */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
