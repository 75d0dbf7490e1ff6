import { lazy, Suspense, type ComponentType } from 'react';

type IconModule = Promise<{ default: ComponentType<{ 'aria-hidden'?: boolean }> }>;

/**
 * An icon fetched when first shown: the administration pages' sidebar icons, which most people never see, stay
 * out of the first load of a permit opened from its QR code (the JS budget, docs/field-use.md). Until it arrives
 * an empty box of the icon's size holds its place.
 */
export function lazyIcon(load: () => IconModule) {
  const Icon = lazy(load);
  return (
    <Suspense fallback={<span className="anticon" aria-hidden style={{ width: '1em', height: '1em' }} />}>
      <Icon aria-hidden />
    </Suspense>
  );
}
