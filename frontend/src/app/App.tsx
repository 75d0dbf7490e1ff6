import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './AppRoutes';
import { PhoneTheme } from './PhoneTheme';
import { createQueryClient } from './queryClient';

const queryClient = createQueryClient();

export function App() {
  return (
    <PhoneTheme>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </PhoneTheme>
  );
}
