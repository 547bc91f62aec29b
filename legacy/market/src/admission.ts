import { MarketError } from './errors';
import { wireCode } from './field-codes';
import type { FormValues } from './form';
import { nameHeldBy } from './rules';
import type { MarketState } from './state';

/**
 * The registry's checks at the window, before a case is opened: a name must be free; a change or a
 * deregistration must name an enterprise on the register that still exists. Each refusal is the
 * system's own code: NAME_TAKEN, NOT_FOUND or INVALID_STATE.
 */
export function admit(state: MarketState, itemCode: string, values: FormValues): void {
  const { registry } = state;
  const name = nameHeldBy(itemCode, values);
  if (name && registry.nameTaken(name)) {
    const field = itemCode === 'MKT-CHANGE' ? 'enterprise.newName' : 'enterprise.name';
    throw new MarketError('NAME_TAKEN', `名称已被占用：${name.trim()}`, [
      { field: `form.${wireCode(field)}`, rule: 'nameTaken', reason: '名称已被占用' },
    ]);
  }
  if (itemCode !== 'MKT-CHANGE' && itemCode !== 'MKT-DEREGISTER') return;
  const uscc = String(values['enterprise.uscc']);
  const enterprise = registry.get(uscc);
  if (!enterprise) throw new MarketError('NOT_FOUND', `未找到统一社会信用代码为 ${uscc} 的市场主体`);
  if (enterprise.status === 'deregistered') {
    throw new MarketError(
      'INVALID_STATE',
      `市场主体 ${uscc} 已注销，不能办理${itemCode === 'MKT-CHANGE' ? '变更' : '注销'}登记`,
    );
  }
}
