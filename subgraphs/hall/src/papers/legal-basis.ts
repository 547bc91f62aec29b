import type { Bilingual } from './receipt-data';

/**
 * Why the one-time notice (一次性告知单) exists: 《中华人民共和国行政许可法》第三十二条第一款第（四）项 —
 * "申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，
 * 自收到申请材料之日起即为受理。" The notice lists every missing or wrong thing at once, never one at a time.
 */
export const ONE_TIME_NOTICE_BASIS: Bilingual = {
  zh: '依据《中华人民共和国行政许可法》第三十二条：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容。',
  en: "Under Article 32 of the Administrative Licensing Law of the People's Republic of China: where application materials are incomplete or not in the statutory form, the applicant is told, on the spot or within five days and all at once, everything that needs to be supplemented or corrected.",
};
