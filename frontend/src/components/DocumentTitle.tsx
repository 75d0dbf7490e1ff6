interface DocumentTitleProps {
  title: string;
}

/** Sets the browser tab's title (React hoists <title> into the document head). */
export function DocumentTitle({ title }: DocumentTitleProps) {
  return <title>{`${title} · PTW`}</title>;
}
