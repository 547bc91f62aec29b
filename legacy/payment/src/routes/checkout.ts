import type { FastifyInstance } from 'fastify';
import type { PaymentContext } from './context';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * The page online banking shows the payer (PROTOCOL.md §5): what the payment code covers and a button that
 * pays it through the payer's channel. It stands for the bank's own page, which the applicant reaches from
 * the hall's pay page; it holds no session and pays nothing but the code's exact total.
 */
export function registerCheckout(app: FastifyInstance, p: PaymentContext): void {
  app.get<{ Querystring: { code?: string } }>(
    '/payer/v1/checkout',
    { config: { op: 'payer.checkout' } },
    async (req, reply) => {
      const code = String(req.query.code ?? '');
      const order = /^\d{20}$/.test(code) ? p.ledger.byPaymentCode(code) : undefined;
      reply.type('text/html; charset=utf-8');
      if (!order)
        return reply
          .code(404)
          .send(page('缴款码不存在', '<p role="alert">未找到该缴款码，请核对后重新输入。</p>'));
      const status = p.ledger.status(order);
      const rows = order.subOrders
        .map(
          (s) =>
            `<tr><td>${escapeHtml(s.payee.name)}</td><td>${escapeHtml(s.item)}</td><td class="n">${yuan(s.amountFen)}</td></tr>`,
        )
        .join('');
      const body = `
<h1>网上银行 · 非税及税款缴纳</h1>
<dl>
  <dt>缴款码</dt><dd data-testid="code">${order.paymentCode}</dd>
  <dt>缴款事项</dt><dd>${escapeHtml(order.subject)}</dd>
  <dt>缴款人</dt><dd>${escapeHtml(order.payer.name)}</dd>
  <dt>缴款期限</dt><dd>${new Date(order.expireAt).toISOString()}</dd>
</dl>
<table><thead><tr><th>收款单位</th><th>项目</th><th class="n">金额（元）</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><th colspan="2">合计</th><th class="n" data-testid="total">${yuan(order.totalFen)}</th></tr></tfoot></table>
${
  status === 'UNPAID' || status === 'EXPIRED'
    ? `<button id="pay" type="button">确认支付 ${yuan(order.totalFen)} 元</button><p id="result" role="status"></p>
<script>
document.getElementById('pay').addEventListener('click', async (e) => {
  e.target.disabled = true;
  const res = await fetch('/payer/v1/pay', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payment_code: ${JSON.stringify(order.paymentCode)}, amount_fen: ${order.totalFen}, channel: 'ONLINE_BANKING' }) });
  const answer = await res.json();
  document.getElementById('result').textContent = answer.code === '0000'
    ? '支付成功，银行流水号 ' + answer.data.bank_serial + '。请返回政务服务网查看办理进度。'
    : '支付未成功：' + answer.message;
});
</script>`
    : `<p role="status">该缴款码已缴款（${status}），无需重复支付。</p>`
}`;
      return page(`缴款 ${order.paymentCode}`, body);
    },
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;color:#222}
dl{display:grid;grid-template-columns:6rem 1fr;gap:.3rem}dt{color:#666}table{width:100%;border-collapse:collapse}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}.n{text-align:right}
button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;background:#b71c1c;color:#fff;border:0;border-radius:4px}</style>
</head><body>${body}</body></html>`;
}
