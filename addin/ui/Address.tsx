// An email address that may wrap after its "@" and before its dots, never inside a name: narrow columns and the
// pane break "annette.hill@contoso.example" as "annette.hill@ / contoso.example", not "annette.hi / ll@conto".
import { Fragment } from 'react';
import { addressParts } from './addressParts.js';

export function Address(props: { text: string }) {
  return (
    <>
      {addressParts(props.text).map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
