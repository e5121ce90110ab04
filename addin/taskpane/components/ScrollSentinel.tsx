// Calls onVisible when the end of a list scrolls into view ("more" on scroll). The visible "Show more" button
// next to it stays for keyboard users and hosts without IntersectionObserver.
import { useEffect, useRef } from 'react';

export function ScrollSentinel(props: { enabled: boolean; onVisible: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const onVisible = useRef(props.onVisible);
  onVisible.current = props.onVisible;

  useEffect(() => {
    const element = ref.current;
    if (!props.enabled || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onVisible.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [props.enabled]);

  return <div ref={ref} aria-hidden="true" style={{ height: 1 }} />;
}
