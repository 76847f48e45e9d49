import { CartiError } from '@/lib/carti/errors';
import { errorResponse } from '@/lib/queries/api-handlers';
import { allowedOrigins } from '@/lib/queries/allowed-origins';

/** The SSRF allow-list from the server's environment, or the configuration error as a response. */
export function serverAllowList(): string[] | Response {
  try {
    return allowedOrigins(process.env);
  } catch (error) {
    if (error instanceof CartiError) return errorResponse(error);
    throw error;
  }
}
