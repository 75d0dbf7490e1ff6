import { Alert, Button, Card, Flex, Form, Input, Typography, notification } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { DocumentTitle } from '@/components/DocumentTitle';
import { ApiError } from '@/lib/api/client';
import { useLogin, type LoginInput } from '../api';
import { securityNoticeText } from '../securityNotice';
import { safeNext } from '../session';

const FIELDS = ['email', 'password'] as const;

function formMessage(error: Error | null): string | null {
  if (error === null) return null;
  if (error instanceof ApiError && error.code === 'invalid' && FIELDS.some((field) => field in error.fields)) return null;
  return error.message;
}

interface LoginPageProps {
  /** Where to go when the address names no page to come back to. */
  homePath: string;
}

/**
 * E-mail and password; the server's field errors show on their fields, anything else (a locked account)
 * above the form. After log-in, failed attempts on the account since the last one are shown once.
 */
export function LoginPage({ homePath }: LoginPageProps) {
  const [form] = Form.useForm<LoginInput>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const queryClient = useQueryClient();
  const next = safeNext(searchParams.get('next')) ?? homePath;

  // Whoever logged out or lost their session here, nothing they read stays in memory.
  useEffect(() => {
    queryClient.clear();
  }, [queryClient]);

  const submit = (values: LoginInput) => {
    login.mutate(values, {
      onSuccess: (me) => {
        // Shown once, here: the notice outlives this page (it closes when the user closes it).
        if (me.security_notice !== null) {
          const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
          notification.warning({
            message: 'Sign-in attempts on your account',
            description: securityNoticeText(me.security_notice, timeZone),
            duration: 0,
          });
        }
        void navigate(next, { replace: true });
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        form.setFields(FIELDS.map((name) => ({ name, errors: error.fields[name] ?? [] })));
      },
    });
  };
  const message = formMessage(login.error);

  return (
    <Flex component="main" align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <DocumentTitle title="Log in" />
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={1} style={{ marginTop: 0 }}>
          Log in to PTW
        </Typography.Title>
        {message !== null && <Alert type="error" showIcon message={message} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={login.isPending}>
          <Form.Item label="E-mail" name="email" rules={[{ required: true, message: 'Enter your e-mail address.' }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password.' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            Log in
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
