/**
 * `Promise.withResolvers` for Node 20 (it arrived in Node 22): helia 7's queues (it-queue, via mortice and
 * the blockstore) call it. Imported before helia by trustless-gateway.ts; does nothing where it exists.
 */
interface WithResolvers<T> { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void }

const promiseConstructor = Promise as unknown as { withResolvers?: <T>() => WithResolvers<T> };
promiseConstructor.withResolvers ??= <T>(): WithResolvers<T> => {
  let resolve!: WithResolvers<T>['resolve'];
  let reject!: WithResolvers<T>['reject'];
  const promise = new Promise<T>((onResolve, onReject) => { resolve = onResolve; reject = onReject; });
  return { promise, resolve, reject };
};

export {};
