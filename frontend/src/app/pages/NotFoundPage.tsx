import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { DocumentTitle } from '@/components/DocumentTitle';

/** Any address that no registered page answers. */
export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <>
      <DocumentTitle title="Page not found" />
      <Result
        status="404"
        title="Page not found"
        subTitle="There is no page at this address."
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            Go to the start page
          </Button>
        }
      />
    </>
  );
}
