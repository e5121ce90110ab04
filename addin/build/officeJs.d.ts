export declare const CDN_OFFICE_JS: string;
export declare const LOCAL_OFFICE_JS: string;
export declare const BUILD_INFO_FILE: string;
export declare function officeJsUrlFor(production: boolean, setting: string | undefined): string;
