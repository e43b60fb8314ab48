/**
 * Reading and writing records keyed by names that come from levels and players. A name
 * like `constructor` or `__proto__` must mean that key of the record, never something
 * inherited from Object.prototype, and states restored from JSON have that prototype.
 */

export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
