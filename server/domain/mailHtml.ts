// A logged mail's HTML made safe to show (the viewer): an allowlist of tags, attributes and CSS properties
// (sanitize-html), so no script, event handler, form, frame, style sheet or base survives, and nothing that would
// load from the Internet: a remote image becomes its alt text, a CSS value with url() is dropped. Embedded
// images (data: URIs, which the IMAP parser makes of cid: parts) stay. Links open outside the viewer. Pure.
import sanitizeHtml from 'sanitize-html';

export interface SafeHtml {
  html: string;
  /** Something was left out because it would have been fetched from the Internet (a tracking pixel, say). */
  remoteContentBlocked: boolean;
}

const TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img',
  'font',
  'center',
  'span',
  'div',
  'u',
  's',
  'strike',
  'small',
  'big',
];

// CSS values without parentheses (so no url(), expression(), image-set()), or a plain rgb()/rgba() colour.
const CSS_VALUE = [/^[^()\\]*$/, /^rgba?\([\d\s.,%]+\)$/i];
const CSS_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-align',
  'text-decoration',
  'text-transform',
  'line-height',
  'letter-spacing',
  'vertical-align',
  'white-space',
  'width',
  'max-width',
  'min-width',
  'height',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-collapse',
  'border-color',
  'border-style',
  'border-width',
  'display',
];
const STYLES = Object.fromEntries(CSS_PROPERTIES.map((p) => [p, CSS_VALUE]));

/** An image the viewer can show without a request: inline data of an image type. */
function isEmbeddedImage(src: string | undefined): boolean {
  return typeof src === 'string' && /^data:image\/(png|gif|jpe?g|webp|bmp);base64,/i.test(src.trim());
}

export function sanitizeMailHtml(raw: string): SafeHtml {
  let remoteContentBlocked = false;
  const html = sanitizeHtml(raw, {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ['href', 'name', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'title'],
      font: ['color', 'face', 'size'],
      table: ['width', 'border', 'cellpadding', 'cellspacing', 'align'],
      td: ['width', 'colspan', 'rowspan', 'align', 'valign'],
      th: ['width', 'colspan', 'rowspan', 'align', 'valign'],
      '*': ['style', 'dir', 'lang', 'align'],
    },
    allowedStyles: { '*': STYLES },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    transformTags: {
      '*': (tagName, attribs) => {
        const out = { ...attribs };
        if (out.style && /url\s*\(|image-set|@import/i.test(out.style)) {
          remoteContentBlocked = true;
          delete out.style;
        }
        if (out.background || out.srcset || out.poster) remoteContentBlocked = true;
        if (tagName === 'img' && !isEmbeddedImage(out.src)) {
          // A cid: picture is part of the mail, not of the Internet (Graph sends those as attachments).
          if (out.src && !/^\s*cid:/i.test(out.src)) remoteContentBlocked = true;
          return { tagName: 'span', attribs: {}, text: out.alt ?? '' };
        }
        if (tagName === 'a')
          return { tagName, attribs: { ...out, target: '_blank', rel: 'noopener noreferrer' } };
        return { tagName, attribs: out };
      },
    },
  });
  return { html, remoteContentBlocked };
}
