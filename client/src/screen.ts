/** What every screen module returns: a way to take itself down when the route changes. */
export interface Screen {
  dispose(): void;
}

export type ScreenFactory<R> = (root: HTMLElement, route: R) => Screen | Promise<Screen>;

/** A screen that holds nothing to clean up. */
export const staticScreen: Screen = { dispose() {} };
