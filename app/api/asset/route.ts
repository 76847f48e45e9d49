// GET /api/asset?url=… : an asset streamed through lib/fetch's guard and limits (lib/queries/api-handlers.ts).
import { nodeResolveHost } from '@/lib/fetch/dns.node';
import { handleAssetRequest } from '@/lib/queries/api-handlers';
import { serverAllowList } from '../server-deps';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const allowList = serverAllowList();
  if (allowList instanceof Response) return allowList;
  return handleAssetRequest(request, { allowList, resolveHost: nodeResolveHost });
}
