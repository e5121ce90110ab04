// "Link to existing opportunity": one of the contact's open opportunities for an entry that has none.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import type { OpportunitySummary } from '../../../shared/api/opportunities.js';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import { useSingleFlight } from '../state/useSingleFlight.js';
import { ErrorBar } from './feedback.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function LinkOpportunityDialog(props: {
  open: boolean;
  api: ApiClient;
  entry: InteractionSummary;
  opportunities: OpportunitySummary[];
  onClose: () => void;
  onLinked: (entry: InteractionSummary) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const [choice, setChoice] = useState(props.opportunities[0]?.number ?? '');
  const [failure, setFailure] = useState<unknown>(null);
  const { pending, run } = useSingleFlight();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setFailure(null);
    void run(async () => {
      try {
        props.onLinked(
          await props.api.linkOpportunity(props.entry.entryNumber, { opportunityNumber: choice }),
        );
      } catch (e) {
        setFailure(e);
      }
    });
  };

  return (
    <Dialog
      open={props.open}
      modalType="modal"
      onOpenChange={(_, data) => !data.open && !pending && props.onClose()}
    >
      <DialogSurface>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{t.opportunities.linkTitle}</DialogTitle>
            <DialogContent className={styles.form}>
              {failure !== null && <ErrorBar error={failure} />}
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
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onClose} disabled={pending}>
                {t.common.cancel}
              </Button>
              <Button appearance="primary" type="submit" disabled={pending || !choice}>
                {pending ? t.opportunities.linking : t.opportunities.linkAction}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
