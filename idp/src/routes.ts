import type { FastifyInstance } from 'fastify';
import type { Mint } from './dev-grants';
import { personaGrant } from './dev-grants';
import type { SigningKey } from './keys';
import type { Persona } from './types';

/** What the development routes serve from. */
export interface RouteContext {
  readonly key: SigningKey;
  readonly personaList: readonly Persona[];
  readonly personas: ReadonlyMap<string, Persona>;
  /** Signs a token; set once the provider is built (at listen, when the issuer URL is known). */
  readonly mint: () => Mint;
}

/** Registers the development endpoints beside the OpenID provider's: the personas, a persona's token, health. */
export function registerRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/personas', async () => ctx.personaList);

  // A development convenience: `curl localhost:4010/token?persona=citizen` gives a token at once.
  app.get('/token', async (req, reply) => {
    const { persona } = req.query as Record<string, unknown>;
    const answer = await ctx.mint()(undefined, personaGrant(ctx.personas, persona));
    // Tokens are credentials: no cache may keep them (RFC 6749 §5.1).
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return answer;
  });

  app.get('/health', async () => ({ status: 'ok', personas: ctx.personaList.length, kid: ctx.key.jwk.kid }));
}
