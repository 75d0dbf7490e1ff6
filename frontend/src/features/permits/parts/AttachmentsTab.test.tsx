import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, pageOf } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { permitFixture, readinessFixture, typeFixture } from '@/test/permitFixtures';
import type { Attachment, Permit } from '@/lib/api/models';
import { AttachmentsTab } from './AttachmentsTab';

const LIST = '/api/v1/ptw/permits/7/attachments/?page=1&page_size=100';
const POST = '/api/v1/ptw/permits/7/attachments/';
const TZ = 'Europe/London';

function attachmentFixture(overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: 1,
    kind: 'jsa',
    kind_label: 'JSA / risk assessment',
    original_name: 'jsa.pdf',
    content_type: 'application/pdf',
    size: 2_400_000,
    sha256: 'ab12cd34ef56'.padEnd(64, '0'),
    keep_location: false,
    uploaded_by: { id: 3, name: 'Rita Requester' },
    uploaded_at: '2026-11-25T08:00:00Z',
    superseded_by: null,
    superseded_at: null,
    content_url: '/api/v1/ptw/permits/7/attachments/1/content/',
    thumbnail_url: null,
    ...overrides,
  };
}

/** The browser's XMLHttpRequest as the upload sees it: records what was sent, answers as told. */
class FakeUpload {
  static sent: { url: string; body: FormData; headers: Record<string, string> }[] = [];
  static answer: { status: number; body: unknown } = { status: 201, body: attachmentFixture({ id: 2 }) };
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  private url = '';
  private headers: Record<string, string> = {};
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    FakeUpload.sent.push({ url: this.url, body, headers: this.headers });
    this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
    setTimeout(() => {
      this.status = FakeUpload.answer.status;
      this.responseText = JSON.stringify(FakeUpload.answer.body);
      this.onload?.();
    }, 0);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeUpload.sent = [];
});

function renderTab({
  attachments = [attachmentFixture()],
  permit = permitFixture({ id: 7, status: 'draft' }),
  readOnly = false,
}: { attachments?: Attachment[]; permit?: Permit; readOnly?: boolean } = {}) {
  vi.stubGlobal('XMLHttpRequest', FakeUpload);
  const fetchMock = mockFetch({
    [LIST]: () => jsonResponse(pageOf(attachments)),
    [`${POST}1/`]: () => new Response(null, { status: 204 }),
  });
  renderWithProviders(
    <AttachmentsTab
      permit={permit}
      type={typeFixture({ name: 'Hot work', required_attachments: ['jsa'] })}
      readiness={readinessFixture([], {
        submit: [{ code: 'attachment_missing', message: 'Attach the JSA / risk assessment a Hot work permit needs.' }],
      })}
      timeZone={TZ}
      readOnly={readOnly}
    />,
  );
  return fetchMock;
}

describe('AttachmentsTab', () => {
  it('lists each file with its kind, size, uploader and a thumbnail for images, and what the type requires', async () => {
    renderTab({
      attachments: [
        attachmentFixture(),
        attachmentFixture({
          id: 4,
          kind: 'photo',
          original_name: 'locks.jpg',
          content_type: 'image/jpeg',
          size: 84_000,
          thumbnail_url: '/api/v1/ptw/permits/7/attachments/4/thumbnail/',
          superseded_by: 5,
        }),
      ],
    });
    expect(await screen.findByText('jsa.pdf')).toBeInTheDocument();
    expect(screen.getByText(/2\.3 MB · Rita Requester/)).toBeInTheDocument();
    expect(screen.getByAltText('Thumbnail of locks.jpg')).toHaveAttribute(
      'src',
      '/api/v1/ptw/permits/7/attachments/4/thumbnail/',
    );
    expect(screen.getByText('Superseded')).toBeInTheDocument();
    expect(screen.getByText(/needs before submission: JSA \/ risk assessment/)).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Attach the JSA / risk assessment a Hot work permit needs.');
  });

  it('offers a picker of images and PDFs and the camera, and uploads the chosen file with its kind', async () => {
    renderTab();
    const picker = screen.getByTestId('attachment-file');
    expect(picker).toHaveAttribute('accept', 'image/*,application/pdf');
    expect(screen.getByTestId('attachment-camera')).toHaveAttribute('capture', 'environment');
    fireEvent.click(screen.getByRole('checkbox', { name: /Keep location data/ }));
    const file = new File(['x'], 'site.jpg', { type: 'image/jpeg' });
    fireEvent.change(picker, { target: { files: [file] } });
    await waitFor(() => { expect(FakeUpload.sent).toHaveLength(1); });
    const [sent] = FakeUpload.sent;
    expect(sent?.url).toBe(POST);
    expect(sent?.body.get('file')).toBe(file);
    expect(sent?.body.get('kind')).toBe('photo');
    expect(sent?.body.get('keep_location')).toBe('true');
    expect(sent?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the server’s refusal of a file too large or not an image or PDF', async () => {
    renderTab();
    FakeUpload.answer = {
      status: 413,
      body: { error: { code: 'payload_too_large', message: 'The file is larger than 10 MB.' } },
    };
    fireEvent.change(screen.getByTestId('attachment-file'), {
      target: { files: [new File(['x'], 'big.pdf', { type: 'application/pdf' })] },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is larger than 10 MB.');
    FakeUpload.answer = { status: 201, body: attachmentFixture({ id: 2 }) };
  });

  it('supersedes a current file, and deletes only when the server allows it (a draft’s requester)', async () => {
    const fetchMock = renderTab();
    await screen.findByText('jsa.pdf');
    fireEvent.change(screen.getByTestId('supersede-1'), {
      target: { files: [new File(['y'], 'jsa-v2.pdf', { type: 'application/pdf' })] },
    });
    await waitFor(() => { expect(FakeUpload.sent).toHaveLength(1); });
    expect(FakeUpload.sent[0]?.body.get('supersedes')).toBe('1');
    expect(FakeUpload.sent[0]?.body.get('kind')).toBeNull();

    const item = screen.getByText('jsa.pdf').closest('li');
    if (item === null) throw new Error('item missing');
    const remove = within(item).getByRole('button', { name: 'Delete' });
    await waitFor(() => expect(remove).toBeEnabled());
    fireEvent.click(remove);
    await waitFor(() => {
      expect(screen.getAllByRole('button', { name: 'Delete' })).toHaveLength(2);
    });
    const confirm = screen.getAllByRole('button', { name: 'Delete' }).at(-1);
    if (confirm === undefined) throw new Error('confirmation missing');
    fireEvent.click(confirm);
    await waitFor(() => {
      expect(fetchMock.mock.calls.some(([url, init]) => url === `${POST}1/` && init?.method === 'DELETE')).toBe(true);
    });
  });

  it('after submission offers no delete, and a viewer gets no upload at all', async () => {
    renderTab({ permit: permitFixture({ id: 7, status: 'submitted' }) });
    await screen.findByText('jsa.pdf');
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Supersede/ })).toBeInTheDocument();
  });

  it('shows a viewer the files without the upload card', async () => {
    renderTab({ readOnly: true });
    await screen.findByText('jsa.pdf');
    expect(screen.queryByText('Attach a file')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Supersede/ })).not.toBeInTheDocument();
  });
});
