// The column headings of a payments-by-method table (the Z report's and the day report's): one row, the same
// words on both screens.
import { t } from '../i18n.ts';

export function MethodHeadings() {
  return (
    <thead>
      <tr>
        <th scope="col">{t('pay.method')}</th>
        <th scope="col">{t('report.payments')}</th>
        <th scope="col">{t('pay.amount')}</th>
        <th scope="col">{t('report.tips')}</th>
        <th scope="col">{t('order.refunds')}</th>
      </tr>
    </thead>
  );
}
