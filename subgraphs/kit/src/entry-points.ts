import type { SubgraphContext } from './context';
import { subgraphError } from './errors';

type Ctx = SubgraphContext<unknown>;

/**
 * The shared entry points (`me`, `person`, `enterprise`, `property`) and the shared entities. Any
 * subgraph may answer them (they are @shareable), so they only name the entity — after a department-neutral
 * check — and each department checks its own fields.
 */
export function entryPoints(department: string) {
  return {
    Query: {
      me: (_: unknown, __: unknown, ctx: Ctx) => {
        const applicant = ctx.access.applicant;
        return applicant ? { idNumber: applicant.idNumber } : null;
      },
      person: (_: unknown, { idNumber }: { idNumber: string }, ctx: Ctx) => {
        if (!ctx.access.canNamePerson(idNumber)) {
          throw subgraphError(
            'FORBIDDEN',
            department,
            `${ctx.identity.role === 'anonymous' ? 'sign in to read a person' : 'applicants may read only themselves'}`,
          );
        }
        return { idNumber };
      },
      enterprise: (_: unknown, { uscc }: { uscc: string }, ctx: Ctx) => {
        if (!ctx.access.canNameEnterprise(uscc)) {
          throw subgraphError(
            'FORBIDDEN',
            department,
            `${ctx.identity.role === 'anonymous' ? 'sign in to read an enterprise' : 'applicants may read only the enterprises they represent'}`,
          );
        }
        return { uscc };
      },
      property: (_: unknown, { unitCode }: { unitCode: string }, ctx: Ctx) => {
        if (ctx.identity.role === 'anonymous')
          throw subgraphError('FORBIDDEN', department, 'sign in to read a real-estate unit');
        return { unitCode };
      },
    },
    Person: { __resolveReference: (ref: { idNumber: string }) => ref },
    Enterprise: { __resolveReference: (ref: { uscc: string }) => ref },
    Property: { __resolveReference: (ref: { unitCode: string }) => ref },
  };
}
