// Locked (disabled) text fields that look locked even when empty. Fluent v9 draws a disabled Input or Textarea
// with a transparent background and a light border only: its grey text is the visible cue, so on a white card an
// empty one (the Email logging page's "New client secret", an optional number) reads as a field waiting for input.
// The disabled background, as disabled buttons have, shows the lock whatever the field holds; `disabled` itself
// stays on the element, so assistive technology still announces it as unavailable.
import { makeStyles, tokens } from '@fluentui/react-components';

export const useLockedFieldStyles = makeStyles({
  locked: { backgroundColor: tokens.colorNeutralBackgroundDisabled },
});
