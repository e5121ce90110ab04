// Waits for Office.js. In a plain browser tab (no host) it still resolves, with host and platform null.
/// <reference types="office-js" />

export interface OfficeReadyInfo {
  host: string | null;
  platform: string | null;
}

export function officeReady(office: typeof Office): Promise<OfficeReadyInfo> {
  return new Promise<OfficeReadyInfo>((resolve, reject) => {
    try {
      office.onReady((info) =>
        resolve({
          host: info?.host ? String(info.host) : null,
          platform: info?.platform ? String(info.platform) : null,
        }),
      );
    } catch (e) {
      reject(e);
    }
  });
}
