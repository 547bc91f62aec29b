import { describe, expect, it } from 'vitest';
import { render, segmentsOf, TemplateError, TemplateRegistry, templateSchema } from './templates';

const registry = TemplateRegistry.fromFile(new URL('../data/templates.json', import.meta.url));
const posted = registry.template('ONETHING_POSTED')!;

describe('the seeded templates', () => {
  it('hold one template per change the applicant is told of, all under the signature 一件事', () => {
    const codes = registry.toJSON().templates.map((t) => t.code);
    expect(codes).toEqual([
      'ONETHING_ACCEPTED',
      'ONETHING_CORRECTION',
      'ONETHING_PAYMENT_DUE',
      'ONETHING_APPROVED',
      'ONETHING_REFUSED',
      'ONETHING_READY_TO_COLLECT',
      'ONETHING_POSTED',
      'ONETHING_DELIVERED',
    ]);
    // No template asks for a name or an identity number: a text carries no more than it needs.
    for (const t of registry.toJSON().templates) {
      expect(Object.keys(t.variables)).not.toContain('name');
      expect(Object.keys(t.variables)).not.toContain('idNumber');
    }
  });
});

describe('render', () => {
  const ok = {
    bundle: '二手房转移登记',
    ref: 'YJS-20261201-0001',
    courier: '邮政EMS',
    waybill: '1180000000001',
  };

  it('puts the signature first and each value in its place', () => {
    expect(render(posted, ok)).toEqual({
      text: '【一件事】您的“二手房转移登记”申请（编号YJS-20261201-0001）的办理结果已交邮政EMS寄出，运单号1180000000001。',
    });
  });

  it('lists every problem at once: missing, unknown, too long, wrong kind', () => {
    const result = render(posted, {
      bundle: '一二三四五六七八九十一二三四五六七八九十一',
      ref: 'YJS 1',
      surprise: 'x',
    });
    expect(result).toEqual({
      code: 'Template.ParamUnknown',
      problems: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template variable, as the gateway writes them
        { Param: 'TemplateParam.surprise', Reason: '模板ONETHING_POSTED中没有变量${surprise}' },
        { Param: 'TemplateParam.bundle', Reason: '长度21超过20' },
        { Param: 'TemplateParam.ref', Reason: '应为字母、数字或-' },
        { Param: 'TemplateParam.courier', Reason: '应为非空字符串' },
        { Param: 'TemplateParam.waybill', Reason: '应为非空字符串' },
      ],
    });
  });

  it.each([
    ['a link', '快递 http://t.cn/x', '模板不允许变量含有链接'],
    ['a bare domain', '顺丰 sf-express.com', '模板不允许变量含有链接'],
    ['a mobile number', '快递员13912345678', '模板不允许变量含有电话号码'],
    ['a landline', '热线0571-88888888', '模板不允许变量含有电话号码'],
  ])('refuses %s in a text variable where the template forbids it', (_, courier, reason) => {
    const result = render(
      { ...posted, variables: { ...posted.variables, courier: { maxLength: 35, kind: 'text' } } },
      { ...ok, courier },
    );
    expect(result).toMatchObject({ code: expect.stringMatching(/^Template\./) });
    expect((result as { problems: { Reason: string }[] }).problems.map((p) => p.Reason)).toContain(reason);
  });

  it('lets a template allow links and phone numbers', () => {
    const open = {
      ...posted,
      allowLinks: true,
      allowPhones: true,
      variables: { ...posted.variables, courier: { maxLength: 35, kind: 'text' as const } },
    };
    expect(render(open, { ...ok, courier: '快递员13912345678 www.ems.cn' })).toHaveProperty('text');
  });

  it('counts a Chinese text in parts of 70, then 67', () => {
    expect(segmentsOf('字'.repeat(70))).toBe(1);
    expect(segmentsOf('字'.repeat(71))).toBe(2);
    expect(segmentsOf('字'.repeat(134))).toBe(2);
    expect(segmentsOf('字'.repeat(135))).toBe(3);
  });
});

describe('registering a template', () => {
  const base = {
    code: 'X_TEST',
    sign: '一件事',
    purpose: 'test',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template variable, as the gateway writes them
    content: '编号${ref}',
    variables: { ref: { maxLength: 10 } },
  };

  it('refuses content and variables that disagree, and an unregistered signature', () => {
    const r = TemplateRegistry.fromFile(new URL('../data/templates.json', import.meta.url));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template variable, as the gateway writes them
    expect(() => r.registerTemplate({ ...base, content: '编号${ref}${other}' })).toThrow(TemplateError);
    expect(() =>
      r.registerTemplate({ ...base, variables: { ref: { maxLength: 10 }, spare: { maxLength: 5 } } }),
    ).toThrow(/declared but not in the content/);
    expect(() => r.registerTemplate({ ...base, sign: '别的签名' })).toThrow(/not registered/);
    expect(r.registerTemplate(base).code).toBe('X_TEST');
  });

  it('refuses a variable longer than the platform allows (35)', () => {
    expect(templateSchema.safeParse({ ...base, variables: { ref: { maxLength: 36 } } }).success).toBe(false);
  });
});
