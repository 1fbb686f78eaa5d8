// The JSON a value becomes on the wire: what the browser receives from an API presenter. Client
// types are derived with it from the presenters themselves (lib/queries), so a field renamed or
// retyped on the server fails type-checking where the client reads it.
export type TJsonOf<T> = T extends Date
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends (...args: never[]) => unknown
      ? never
      : T extends readonly (infer U)[]
        ? TJsonOf<U>[]
        : T extends object
          ? { [K in keyof T]: TJsonOf<T[K]> }
          : T;
