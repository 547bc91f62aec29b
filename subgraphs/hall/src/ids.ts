import { subgraphError } from '@onething/subgraph-kit';

/**
 * The hall names what it stores (applications, parts, consents, prefills, uploads) by random UUIDs. An id
 * that is not one cannot name anything: it is refused as a mistake (a truncated or mistyped id), not looked
 * up and answered as someone else's or missing.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value can be an id of the hall. */
export const isHallId = (value: string): boolean => UUID.test(value);

/** `value` when it can be an id of the hall; INVALID_INPUT at `arg` otherwise. */
export function hallId(arg: string, value: string, what: string): string {
  if (isHallId(value)) return value;
  const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  throw subgraphError(
    'INVALID_INPUT',
    'hall',
    `${arg} ${shown} cannot name ${what}: its ids are UUIDs such as 5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90`,
    {
      problems: [
        {
          path: arg,
          rule: 'id.format',
          message: {
            zh: `${arg} 格式不正确：编号应为 UUID，例如 5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90`,
            en: `${arg} is not an id of the hall: ids are UUIDs such as 5b0f6a0e-8d3c-4f7e-9a51-3c2f4e1d7b90`,
          },
        },
      ],
    },
  );
}
