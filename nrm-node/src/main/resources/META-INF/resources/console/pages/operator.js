// The operator's page: the organisations this node knows (the federation view comes through the node's
// own endpoints as they are added).
import { get } from '../api.js';
import { code, date, t } from '../i18n.js';
import { h, table } from '../ui.js';

export async function overview(main) {
  main.append(h('h1', {}, t('operator.title')));
  const orgs = await get('/api/v1/organisations');
  main.append(h('h2', {}, t('operator.organisations')), table(t('operator.organisations'), [
    [t('operator.orgId'), (o) => h('code', {}, o.id)], [t('operator.orgName'), (o) => o.name],
    [t('operator.orgType'), (o) => code('orgType', o.type)], [t('operator.orgCountry'), (o) => o.country || ''],
    [t('operator.orgActive'), (o) => (o.active ? t('common.yes') : t('common.no'))], [t('operator.orgCreated'), (o) => date(o.createdAt)]], orgs));
}
