export declare const DEV_ORIGIN: string;
export declare const PLACEHOLDER_CLIENT_ID: string;
export declare function normalizePublicUrl(publicUrl: string): string;
export declare function rewriteManifest(
  xml: string,
  options: { publicUrl: string; apiClientId?: string },
): string;
