// Exhaustiveness check for `switch` statements over string-literal and discriminated unions.

export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
