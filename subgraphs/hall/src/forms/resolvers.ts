import type { SubgraphContext } from '@onething/subgraph-kit';
import { type ActingDeps, actingFor } from '../acting/for-request';
import type { OnBehalfOfArg } from '../acting/resolve-acting';
import { readFor } from '../consent/resolvers';
import type { Resolvers } from '../generated/resolvers-types';
import type { FormChecks } from './form-checks';
import type { FormLimits } from './form-limits';

/** The resolvers of one validation: checkForm, answered as submitApplication checks the same form. */
export function formResolvers({
  forms,
  limits,
  acting,
}: {
  readonly forms: FormChecks;
  readonly limits: FormLimits;
  readonly acting: ActingDeps;
}): Resolvers {
  return {
    Query: {
      checkForm: async (
        _: unknown,
        args: {
          bundleCode: string;
          options?: string[] | null;
          values: { key: string; value: string }[];
          materials?: string[] | null;
          prefillId?: string | null;
          onBehalfOf?: OnBehalfOfArg | null;
        },
        ctx: SubgraphContext<unknown>,
      ) => {
        // The same check for whomever the form is for: the caller, a visit's walk-in, or a principal.
        const me = readFor(await actingFor(acting, ctx, args.onBehalfOf, args.bundleCode));
        await limits.consume('checkForm', me.idNumber);
        const { problems, notChecked } = await forms.check(me, {
          bundleCode: args.bundleCode,
          options: args.options ?? [],
          values: args.values,
          materials: args.materials ?? [],
          prefillId: args.prefillId,
        });
        return { valid: problems.length === 0, problems, notChecked };
      },
    },
    // Rules not checked name their department as the hall keeps it (lower case); the schema's enum is upper.
    NotChecked: { department: (n: { department: string }) => n.department.toUpperCase() },
  };
}
