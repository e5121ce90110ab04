// The page inside an Office dialog (the sign-in fallback) answers its opener through messageParent.
/// <reference types="office-js" />

export function sendToParent(office: typeof Office, message: string): void {
  office.context.ui.messageParent(message);
}
