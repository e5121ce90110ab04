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
import { ARCHIVE_ROLLOVERS, SETUP_LIMITS } from '../../../../shared/loggingVocabulary.js';
import { useLockedFieldStyles } from '../../components/lockedField.js';
import { useAdminI18n } from '../../i18n/context.js';
import type { FieldErrors, SettingsForm } from './setupForm.js';

/** The settings edited as text. */
type TextSetting = Exclude<keyof SettingsForm, 'archiveRollover' | 'unmatched'>;

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
  const lockedStyles = useLockedFieldStyles();
  const { form, disabled } = props;
  const errors = props.errors ?? {};
  /** A text setting's value, change handler and lock (looking locked even when empty), for its Input. */
  const input = (key: TextSetting) => ({
    value: form[key],
    onChange: (_: unknown, d: { value: string }) => props.onChange({ ...form, [key]: d.value }),
    disabled,
    className: disabled ? lockedStyles.locked : undefined,
  });
  /** A setting's error, to spread on its Field. */
  const check = (key: TextSetting) => ({
    validationMessage: errors[key],
    validationState: errors[key] ? ('error' as const) : undefined,
  });

  return (
    <div className={styles.grid}>
      <Field label={s.interval} {...check('intervalSeconds')}>
        <Input inputMode="numeric" {...input('intervalSeconds')} />
      </Field>
      <Field label={s.batchSize} {...check('batchSize')}>
        <Input inputMode="numeric" {...input('batchSize')} />
      </Field>
      <Field label={s.archiveFolder} hint={s.archiveHint} {...check('archiveFolder')}>
        <Input {...input('archiveFolder')} />
      </Field>
      <Field label={s.archiveRollover} hint={s.archiveRolloverHint}>
        <Dropdown
          value={s.archiveRollovers[form.archiveRollover]}
          selectedOptions={[form.archiveRollover]}
          onOptionSelect={(_, d) =>
            props.onChange({ ...form, archiveRollover: d.optionValue as SettingsForm['archiveRollover'] })
          }
          disabled={disabled}
          className={disabled ? lockedStyles.locked : undefined}
        >
          {ARCHIVE_ROLLOVERS.map((r) => (
            <Option key={r} value={r}>
              {s.archiveRollovers[r]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label={s.archiveRolloverAtItems}
        hint={s.archiveRolloverAtItemsHint}
        {...check('archiveRolloverAtItems')}
      >
        <Input inputMode="numeric" {...input('archiveRolloverAtItems')} />
      </Field>
      <Field label={s.quarantineFolder} {...check('quarantineFolder')}>
        <Input {...input('quarantineFolder')} />
      </Field>
      <Field label={s.maxAttempts} hint={s.maxAttemptsHint} {...check('maxAttempts')}>
        <Input
          type="number"
          min={SETUP_LIMITS.maxAttempts.min}
          max={SETUP_LIMITS.maxAttempts.max}
          {...input('maxAttempts')}
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
        <Field label={s.unmatchedFolder} required {...check('unmatchedFolder')}>
          <Input {...input('unmatchedFolder')} />
        </Field>
      )}
      <Field className={styles.wide} label={s.blocklist} {...check('blocklist')}>
        <Textarea {...input('blocklist')} rows={4} resize="vertical" />
      </Field>
    </div>
  );
}
