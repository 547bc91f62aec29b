/**
 * Real county-level divisions (GB/T 2260) of the places the project's source reports come from — Huzhou,
 * Jiaxing, Bortala, Dali and Chengdu — with the data a seeded record of each needs.
 */
export interface Place {
  readonly divisionCode: string;
  readonly province: string;
  /** Province abbreviation used in certificate numbers (浙, 新, 云, 川). */
  readonly provinceShort: string;
  readonly city: string;
  readonly county: string;
  /** A typical second-hand price per square metre, in yuan. */
  readonly pricePerM2: number;
  readonly streets: readonly string[];
  readonly banks: readonly string[];
}

const ZJ = { province: '浙江省', provinceShort: '浙' } as const;

export const PLACES: readonly Place[] = [
  {
    ...ZJ,
    divisionCode: '330502',
    city: '湖州市',
    county: '吴兴区',
    pricePerM2: 15000,
    streets: ['人民路', '红旗路', '青铜路', '凤凰路'],
    banks: ['中国建设银行湖州分行', '湖州银行'],
  },
  {
    ...ZJ,
    divisionCode: '330503',
    city: '湖州市',
    county: '南浔区',
    pricePerM2: 11000,
    streets: ['南浔大道', '适园路'],
    banks: ['中国工商银行湖州南浔支行'],
  },
  {
    ...ZJ,
    divisionCode: '330523',
    city: '湖州市',
    county: '安吉县',
    pricePerM2: 12000,
    streets: ['昌硕路', '天荒坪路'],
    banks: ['浙江安吉农村商业银行'],
  },
  {
    ...ZJ,
    divisionCode: '330402',
    city: '嘉兴市',
    county: '南湖区',
    pricePerM2: 18000,
    streets: ['中山路', '南湖路', '秀洲路'],
    banks: ['中国农业银行嘉兴分行', '嘉兴银行'],
  },
  {
    ...ZJ,
    divisionCode: '330421',
    city: '嘉兴市',
    county: '嘉善县',
    pricePerM2: 14000,
    streets: ['罗星路', '谈公路'],
    banks: ['中国银行嘉善支行'],
  },
  {
    province: '新疆维吾尔自治区',
    provinceShort: '新',
    divisionCode: '652701',
    city: '博尔塔拉蒙古自治州',
    county: '博乐市',
    pricePerM2: 5000,
    streets: ['北京路', '青得里大街', '红星路'],
    banks: ['中国建设银行博州分行'],
  },
  {
    province: '新疆维吾尔自治区',
    provinceShort: '新',
    divisionCode: '652722',
    city: '博尔塔拉蒙古自治州',
    county: '精河县',
    pricePerM2: 4200,
    streets: ['团结路', '新华路'],
    banks: ['中国农业银行精河支行'],
  },
  {
    province: '云南省',
    provinceShort: '云',
    divisionCode: '532901',
    city: '大理白族自治州',
    county: '大理市',
    pricePerM2: 9000,
    streets: ['人民路', '洱河路', '苍山路'],
    banks: ['富滇银行大理分行', '中国工商银行大理分行'],
  },
  {
    province: '四川省',
    provinceShort: '川',
    divisionCode: '510104',
    city: '成都市',
    county: '锦江区',
    pricePerM2: 21000,
    streets: ['春熙路', '东大街', '红星路'],
    banks: ['成都银行', '中国建设银行成都分行'],
  },
  {
    province: '四川省',
    provinceShort: '川',
    divisionCode: '510107',
    city: '成都市',
    county: '武侯区',
    pricePerM2: 20000,
    streets: ['人民南路', '科华北路', '武侯祠大街'],
    banks: ['中国银行成都分行'],
  },
];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN_CHARACTERS =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬建国志文辉丹鹏婷宇浩然欣怡子轩梓涵思雨博文嘉怡佳琪俊杰晨阳诗涵';
export const BRANDS = [
  '恒信',
  '华泰',
  '众诚',
  '瑞丰',
  '锦程',
  '鼎盛',
  '汇通',
  '嘉禾',
  '宏图',
  '新峰',
  '安泰',
  '青禾',
  '云帆',
  '博远',
  '太湖',
  '洱海',
  '天府',
  '赛里木',
];
export const INDUSTRIES = [
  { name: '科技', scope: '软件开发；信息技术咨询服务' },
  { name: '贸易', scope: '日用百货销售；五金产品批发' },
  { name: '餐饮管理', scope: '餐饮服务；食品销售' },
  { name: '建筑工程', scope: '建设工程施工；园林绿化工程施工' },
  { name: '物流', scope: '道路货物运输；仓储服务' },
  { name: '文化传媒', scope: '广告设计、代理；组织文化艺术交流活动' },
  { name: '农业开发', scope: '蔬菜种植；农产品的生产、销售' },
  { name: '茶业', scope: '茶叶种植；茶叶制品销售' },
] as const;
export const SHOP_KINDS = ['便利店', '小吃店', '理发店', '水果店', '五金店', '茶叶店'];
