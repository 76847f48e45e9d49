/**
 * Error codes of lib/ipfs, on top of lib/carti's (CartiError takes any code string; these are stable so the UI
 * and tests can match on them). Messages follow the project form `<input>: <location>: <reason>`.
 */
import { CartiError } from '../carti/errors';

export type IpfsErrorCode =
  /** The RPC API did not answer (connection refused, timeout): the node is down or the URL is wrong. */
  | 'node-unreachable'
  /** The RPC API answered with an error status or an unreadable body. */
  | 'rpc-error'
  /** The node computed another CID than the local computation with the same parameters. */
  | 'cid-mismatch'
  /** Not an `ipfs://<cid>[/path]` uri. */
  | 'bad-ipfs-uri'
  /** Every gateway (and the node, when configured) failed; the message lists each reason. */
  | 'ipfs-unavailable'
  /** A block from a trustless gateway that cannot be read as dag-pb/UnixFS, or a DAG too deep or too large. */
  | 'bad-block'
  /** A gateway required to be trustless answered something else than a raw block. */
  | 'not-trustless'
  /** A path below an `ipfs://` CID that does not exist, or crosses a file or a sharded directory. */
  | 'ipfs-path';

export function ipfsError(code: IpfsErrorCode, input: string, location: string, reason: string): CartiError {
  return new CartiError(code, input, location, reason);
}
