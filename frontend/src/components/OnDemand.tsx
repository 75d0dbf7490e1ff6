import { Alert, Button } from 'antd';
import { Component, Suspense, type ReactNode } from 'react';

interface OnDemandProps {
  /** Shown while the code arrives. */
  fallback: ReactNode;
  children: ReactNode;
}

interface OnDemandState {
  error: Error | null;
}

/**
 * Code loaded on demand (React.lazy): the fallback while it arrives, and, when it cannot be fetched (no signal
 * before the service worker kept it, or a newer build replaced it) or fails to render, a message in its place
 * with a reload, where the rest of the page stays usable.
 */
export class OnDemand extends Component<OnDemandProps, OnDemandState> {
  override state: OnDemandState = { error: null };

  static getDerivedStateFromError(error: unknown): OnDemandState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return <Suspense fallback={this.props.fallback}>{this.props.children}</Suspense>;
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        message="This part of the page could not be loaded."
        description={`Check the signal, then reload the page. (${error.message})`}
        action={
          <Button
            onClick={() => {
              window.location.reload();
            }}
          >
            Reload
          </Button>
        }
      />
    );
  }
}
