// Deployment settings: the visibility model (team / owner), what happens to mail its sender marked Private or
// Confidential, and the interaction templates (which one e-mails are logged with). One form, saved whole; the
// server applies it from the next request (the loop: from its next run) on.
import { Button, Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { SensitiveMailHandling, VisibilityModel } from '../../../../shared/api/settings.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar, Loading, Notice, PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction, useLoad } from '../../state/useLoad.js';
import { rowsOf, templatesOf, TemplatesCard, type TemplateRow } from './TemplatesCard.js';

interface Form {
  visibility: VisibilityModel;
  sensitiveMail: SensitiveMailHandling;
  templates: TemplateRow[];
  emailTemplate: string | null;
}

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '720px' },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function SettingsPage(props: { api: AdminClient }) {
  const { t, locale } = useAdminI18n();
  const s = t.deployment;
  const styles = useStyles();
  const loaded = useLoad(() => props.api.settings(), [props.api]);
  const save = useAction();
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const d = loaded.data;
    if (d)
      setForm({
        visibility: d.visibility,
        sensitiveMail: d.sensitiveMail,
        templates: rowsOf(d.interactionTemplates),
        emailTemplate: d.emailTemplate,
      });
  }, [loaded.data]);

  const submit = async () => {
    if (!form) return;
    setSaved(false);
    const body = {
      visibility: form.visibility,
      sensitiveMail: form.sensitiveMail,
      interactionTemplates: templatesOf(form.templates),
      emailTemplate: form.emailTemplate,
    };
    if (await save.run(() => props.api.putSettings(body))) {
      setSaved(true);
      loaded.reload();
    }
  };

  return (
    <>
      <PageHeader title={s.title} />
      {loaded.error !== null && <ErrorBar error={loaded.error} onRetry={loaded.reload} />}
      {!form && loaded.loading && <Loading />}
      {form && (
        <div className={styles.form}>
          <Field label={s.visibility} hint={s.adminsSeeAll}>
            <RadioGroup
              value={form.visibility}
              onChange={(_, d) => setForm({ ...form, visibility: d.value as VisibilityModel })}
            >
              <Radio value="team" label={s.team} />
              <Radio value="owner" label={s.owner} />
            </RadioGroup>
          </Field>
          <Field label={s.sensitiveMail}>
            <RadioGroup
              value={form.sensitiveMail}
              onChange={(_, d) => setForm({ ...form, sensitiveMail: d.value as SensitiveMailHandling })}
            >
              <Radio value="metadata" label={s.metadata} />
              <Radio value="skip" label={s.skip} />
            </RadioGroup>
          </Field>
          <TemplatesCard
            rows={form.templates}
            emailTemplate={form.emailTemplate}
            onChange={(templates, emailTemplate) => setForm({ ...form, templates, emailTemplate })}
          />
          {save.error !== null && <ErrorBar error={save.error} />}
          {saved && <Notice>{s.saved}</Notice>}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={save.pending} onClick={() => void submit()}>
              {s.save}
            </Button>
          </div>
          <Text size={200} className={styles.hint}>
            {loaded.data?.updatedAt
              ? s.lastChanged(loaded.data.updatedBy ?? '', formatDateTime(loaded.data.updatedAt, { locale }))
              : s.defaults}
          </Text>
        </div>
      )}
    </>
  );
}
