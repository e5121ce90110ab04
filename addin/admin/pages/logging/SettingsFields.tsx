// The processing settings of a mailbox (interval, batch size, folders, unmatched-mail policy, blocklist): the
// wizard's Advanced step and the Email logging page (there locked while logging is enabled).
import {
  Dropdown,
  Field,
  Input,
  Option,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useAdminI18n } from '../../i18n/context.js';
import type { FieldErrors, SettingsForm } from './setupForm.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    alignItems: 'start',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: tokens.spacingVerticalM,
    columnGap: tokens.spacingHorizontalXL,
  },
  wide: { gridColumn: '1 / -1' },
});

export function SettingsFields(props: {
  form: SettingsForm;
  onChange: (form: SettingsForm) => void;
  errors?: FieldErrors;
  disabled?: boolean;
}) {
  const { t } = useAdminI18n();
  const s = t.settings;
  const styles = useStyles();
  const { form, disabled } = props;
  const errors = props.errors ?? {};
  const set = (key: keyof SettingsForm) => (_: unknown, d: { value: string }) =>
    props.onChange({ ...form, [key]: d.value });
  const state = (key: string) => (errors[key] ? ('error' as const) : undefined);

  return (
    <div className={styles.grid}>
      <Field
        label={s.interval}
        validationMessage={errors.intervalSeconds}
        validationState={state('intervalSeconds')}
      >
        <Input
          inputMode="numeric"
          value={form.intervalSeconds}
          onChange={set('intervalSeconds')}
          disabled={disabled}
        />
      </Field>
      <Field label={s.batchSize} validationMessage={errors.batchSize} validationState={state('batchSize')}>
        <Input inputMode="numeric" value={form.batchSize} onChange={set('batchSize')} disabled={disabled} />
      </Field>
      <Field
        label={s.archiveFolder}
        hint={s.archiveHint}
        validationMessage={errors.archiveFolder}
        validationState={state('archiveFolder')}
      >
        <Input value={form.archiveFolder} onChange={set('archiveFolder')} disabled={disabled} />
      </Field>
      <Field label={s.archiveRollover} hint={s.archiveRolloverHint}>
        <Dropdown
          value={s.archiveRollovers[form.archiveRollover]}
          selectedOptions={[form.archiveRollover]}
          onOptionSelect={(_, d) =>
            props.onChange({ ...form, archiveRollover: d.optionValue as SettingsForm['archiveRollover'] })
          }
          disabled={disabled}
        >
          {(['off', 'yearly', 'monthly'] as const).map((r) => (
            <Option key={r} value={r}>
              {s.archiveRollovers[r]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label={s.archiveRolloverAtItems}
        hint={s.archiveRolloverAtItemsHint}
        validationMessage={errors.archiveRolloverAtItems}
        validationState={state('archiveRolloverAtItems')}
      >
        <Input
          inputMode="numeric"
          value={form.archiveRolloverAtItems}
          onChange={set('archiveRolloverAtItems')}
          disabled={disabled}
        />
      </Field>
      <Field
        label={s.quarantineFolder}
        validationMessage={errors.quarantineFolder}
        validationState={state('quarantineFolder')}
      >
        <Input value={form.quarantineFolder} onChange={set('quarantineFolder')} disabled={disabled} />
      </Field>
      <Field
        label={s.maxAttempts}
        hint={s.maxAttemptsHint}
        validationMessage={errors.maxAttempts}
        validationState={state('maxAttempts')}
      >
        <Input
          type="number"
          min={1}
          max={100}
          value={form.maxAttempts}
          onChange={set('maxAttempts')}
          disabled={disabled}
        />
      </Field>
      <Field label={s.unmatched}>
        <RadioGroup
          value={form.unmatched}
          onChange={(_, d) => props.onChange({ ...form, unmatched: d.value as SettingsForm['unmatched'] })}
          disabled={disabled}
        >
          <Radio value="delete" label={s.unmatchedDelete} />
          <Radio value="move" label={s.unmatchedMove} />
          <Radio value="keep" label={s.unmatchedKeep} />
        </RadioGroup>
      </Field>
      {form.unmatched === 'move' && (
        <Field
          label={s.unmatchedFolder}
          required
          validationMessage={errors.unmatchedFolder}
          validationState={state('unmatchedFolder')}
        >
          <Input value={form.unmatchedFolder} onChange={set('unmatchedFolder')} disabled={disabled} />
        </Field>
      )}
      <Field
        className={styles.wide}
        label={s.blocklist}
        validationMessage={errors.blocklist}
        validationState={state('blocklist')}
      >
        <Textarea
          value={form.blocklist}
          onChange={set('blocklist')}
          disabled={disabled}
          rows={4}
          resize="vertical"
        />
      </Field>
    </div>
  );
}
