import { itemXml } from '../wire-items';
import type { Operation } from './types';

/** ListItems: the catalogue of items, each with every element of its implementation list. */
export const listItems: Operation = (_request, { catalogue, keys }) => {
  keys.push(...catalogue.items.map((i) => i.code));
  return catalogue.items
    .map((i) => catalogue.get(i.code))
    .filter((entry) => entry !== undefined)
    .map(itemXml)
    .join('');
};
