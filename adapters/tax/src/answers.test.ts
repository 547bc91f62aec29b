import { AdapterError, clientSettings, DepartmentClient, type WireResponse } from '@onething/adapter-core';
import { describe, expect, it } from 'vitest';
import { readAnswer } from './answers';
import { casesData } from './records';

const client = new DepartmentClient('tax', clientSettings('http://127.0.0.1:1'));
const res = (status: number, body: unknown): WireResponse => ({
  status,
  headers: {},
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
const outcome = (r: WireResponse, absent: string[] = []) => {
  try {
    return { value: readAnswer(client, 'cases.find', r, casesData, absent) };
  } catch (e) {
    return e instanceof AdapterError ? { code: e.code, details: e.details } : { plain: (e as Error).name };
  }
};

describe('reading the tax envelope', () => {
  it('gives the data of 0000', () => {
    expect(outcome(res(200, { code: '0000', msg: '成功', data: { cases: [] } }))).toEqual({
      value: { cases: [] },
    });
  });

  it('treats a refusal under HTTP 200 as DEPARTMENT_REJECTED with the system’s own code', () => {
    expect(outcome(res(200, { code: '3005', msg: '请求编号已使用且请求内容不一致', data: null }))).toEqual({
      code: 'DEPARTMENT_REJECTED',
      details: {
        departmentCode: '3005',
        departmentMessage: '请求编号已使用且请求内容不一致',
        httpStatus: 200,
      },
    });
  });

  it('gives null for a code that means "not there"', () => {
    expect(outcome(res(200, { code: '3003', msg: '案件不存在', data: null }), ['3003'])).toEqual({
      value: null,
    });
  });

  it('treats 9999 and any 5xx, even unreadable, as DEPARTMENT_UNAVAILABLE', () => {
    expect(outcome(res(200, { code: '9999', msg: '系统繁忙', data: null })).code).toBe(
      'DEPARTMENT_UNAVAILABLE',
    );
    expect(outcome(res(500, '<html>Internal Server Error</html>'))).toEqual({
      code: 'DEPARTMENT_UNAVAILABLE',
      details: { httpStatus: 500 },
    });
  });

  it('throws a plain error (MALFORMED_RESPONSE at the core) for a body that is not the envelope or data of the wrong shape', () => {
    expect(outcome(res(200, '{"code":"0000","data":[')).plain).toBe('SyntaxError');
    expect(outcome(res(200, { rows: [] })).plain).toBe('ZodError');
    expect(outcome(res(200, { code: '0000', msg: '成功', data: { rows: [{ id: 1 }] } })).plain).toBe(
      'ZodError',
    );
    const badTime = { cases: [{ case_no: 'SW1', status_time: '2026-06-30T10:00:00Z' }] };
    expect(outcome(res(200, { code: '0000', msg: '成功', data: badTime })).plain).toBe('ZodError');
  });
});
