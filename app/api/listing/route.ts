// GET /api/listing?source=… : one listing source, fetched and validated on the server (lib/queries/api-handlers.ts).
import { nodeResolveHost } from '@/lib/fetch/dns.node';
import { handleListingRequest } from '@/lib/queries/api-handlers';
import { serverAllowList } from '../server-deps';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const allowList = serverAllowList();
  if (allowList instanceof Response) return allowList;
  return handleListingRequest(request, { allowList, resolveHost: nodeResolveHost });
}
