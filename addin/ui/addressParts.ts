// Where an email address may wrap (ui/Address.tsx): after its "@" and before its dots, never inside a name.

/** The address cut at the places it may wrap; joined, they are the address again. */
export function addressParts(address: string): string[] {
  return address.split(/(?<=@)|(?=\.)/).filter((p) => p !== '');
}
