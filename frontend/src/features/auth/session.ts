import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { isUnauthorized } from '@/lib/session';

export const LOGIN_PATH = '/login';

/** The log-in page, asked to come back to `here` afterwards. */
export function loginPath(here: string): string {
  return `${LOGIN_PATH}?${new URLSearchParams({ next: here }).toString()}`;
}

/** A same-site path to return to after log-in; anything else (absent, absolute, protocol-relative) is refused. */
export function safeNext(next: string | null): string | null {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next.startsWith(LOGIN_PATH) ? null : next;
}

/** Any 401 answer, from any query or mutation, sends the user to log in and back here afterwards. */
export function useUnauthorizedRedirect() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const here = useRef(pathname + search);

  useEffect(() => {
    here.current = pathname + search;
  }, [pathname, search]);

  useEffect(() => {
    const leave = (error: unknown) => {
      if (!isUnauthorized(error)) return;
      void navigate(loginPath(here.current), { replace: true });
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') leave(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') leave(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, navigate]);
}
