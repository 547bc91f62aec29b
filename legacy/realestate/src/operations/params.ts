import { childOf, childrenOf, type XmlElement } from '@onething/runtime/xml';
import { BDC_NS } from '../codes';
import type { Problems } from '../soap';

/** The text of the one child `name` (in the registry's namespace), or a `required` problem when absent or empty. */
export function requiredText(
  request: XmlElement,
  name: string,
  problems: Problems,
  limits: { min?: number; max?: number } = {},
): string {
  const found = childrenOf(request, name, BDC_NS);
  const text = found[0]?.text ?? '';
  if (found.length > 1) problems.add(name, 'repeated', `${name}只能出现一次`);
  else if (text === '') problems.add(name, 'required', `${name}为必填项`);
  else if ([...text].length < (limits.min ?? 1) || [...text].length > (limits.max ?? 128)) {
    problems.add(name, 'length', `${name}的长度应为${limits.min ?? 1}至${limits.max ?? 128}个字符`);
  }
  return text;
}

/** The child `name` in the registry's namespace, if any. */
export function bdcChild(request: XmlElement, name: string): XmlElement | undefined {
  return childOf(request, name, BDC_NS);
}
