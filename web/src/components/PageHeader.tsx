import type { ReactNode } from 'react';

/** The page's one h1, its document title, and a line of context under it. */
export function PageHeader({
  title,
  eyebrow,
  children,
}: {
  title: string;
  eyebrow?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="page-header">
      <title>{`${title} · orgwire`}</title>
      {eyebrow ? <p className="eyebrow">{eyebrow}</p> : null}
      <h1>{title}</h1>
      {children ? <div className="lede">{children}</div> : null}
    </div>
  );
}
