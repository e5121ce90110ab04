// Which row of a master-data list is open in its edit dialog: none, a new one, or an existing row.
import { useState } from 'react';

export interface EditDialogProps<T> {
  /** null: a new row. */
  editing: T | null;
  onClose: () => void;
  onSaved: () => void;
}

/** `onSaved` refreshes the list after the dialog saved (the dialog closes first). */
export function useEditing<T>(onSaved: () => void) {
  const [open, setOpen] = useState<{ item: T | null } | null>(null);
  const dialog: EditDialogProps<T> | null = open && {
    editing: open.item,
    onClose: () => setOpen(null),
    onSaved: () => {
      setOpen(null);
      onSaved();
    },
  };
  return {
    startNew: () => setOpen({ item: null }),
    edit: (item: T) => setOpen({ item }),
    /** The open dialog's props; null while no dialog is open. */
    dialog,
  };
}
