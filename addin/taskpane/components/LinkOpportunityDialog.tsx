// "Link to existing opportunity": one of the contact's open opportunities for an entry that has none.
import { Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import type { OpportunitySummary } from '../../../shared/api/opportunities.js';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import { FormDialog, useDialogSubmit } from './FormDialog.js';

export function LinkOpportunityDialog(props: {
  open: boolean;
  api: ApiClient;
  entry: InteractionSummary;
  opportunities: OpportunitySummary[];
  onClose: () => void;
  onLinked: (entry: InteractionSummary) => void;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useState(props.opportunities[0]?.number ?? '');
  const submission = useDialogSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    submission.submit(async () =>
      props.onLinked(await props.api.linkOpportunity(props.entry.entryNumber, { opportunityNumber: choice })),
    );
  };

  return (
    <FormDialog
      open={props.open}
      title={t.opportunities.linkTitle}
      submission={submission}
      submitLabel={t.opportunities.linkAction}
      pendingLabel={t.opportunities.linking}
      submitDisabled={!choice}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Text weight="semibold">{props.entry.subject || t.history.noSubject}</Text>
      {props.opportunities.length === 0 ? (
        <Text>{t.opportunities.chooseEmpty}</Text>
      ) : (
        <Field label={t.opportunities.choose} required>
          <RadioGroup value={choice} onChange={(_, data) => setChoice(data.value)}>
            {props.opportunities.map((o) => (
              <Radio key={o.number} value={o.number} label={`${o.number} · ${o.description}`} />
            ))}
          </RadioGroup>
        </Field>
      )}
    </FormDialog>
  );
}
