import { Alert, Button, Col, Flex, Form, Popconfirm, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ConflictDialog } from '@/components/ConflictDialog';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SuccessNotice } from '@/components/SuccessNotice';
import { ApiError } from '@/lib/api/client';
import { placeFieldErrors } from '@/lib/forms/formErrors';
import { projectPath } from '@/lib/session';
import {
  useDeletePermitType,
  useRetirePermitType,
  useSavePermitType,
  type AdminPermitType,
  type OverridableField,
  type PermitTypeChanges,
  type Scope,
} from './api';
import { TypeEditorSections } from './TypeEditorSections';
import { TypePreview } from './TypePreview';
import {
  FIELD_LABELS,
  overriddenLabels,
  typeChanges,
  typeConflictRows,
  typeValues,
  type EditableField,
  type TypeValues,
} from './typeModel';

interface EditorProps {
  type: AdminPermitType;
  scope: Scope;
  projectId: number;
  projectName: string;
}

interface Conflict {
  current: AdminPermitType;
  changes: PermitTypeChanges;
}

const FORM_FIELDS = Object.keys(FIELD_LABELS);

/**
 * One permit type's editor: the tenant-wide type (tenant admins: retire, restore, delete) or one project's
 * override of it (reset a field to the tenant-wide value). Only the changed fields are sent, with If-Match; a
 * newer version saved meanwhile opens the conflict dialog. Beside it, the permit form as it will look.
 */
export function PermitTypeEditor({ type, scope, projectId, projectName }: EditorProps) {
  const [form] = Form.useForm<TypeValues>();
  const navigate = useNavigate();
  const onProject = scope !== 'tenant';
  const [base, setBase] = useState(type);
  const [preview, setPreview] = useState<Partial<TypeValues>>(() => typeValues(type));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [placed, setPlaced] = useState<string[]>([]);
  const [unchanged, setUnchanged] = useState(false);
  const save = useSavePermitType();
  const retire = useRetirePermitType();
  const remove = useDeletePermitType();

  const showSaved = (saved: AdminPermitType, message: string) => {
    setBase(saved);
    setConflict(null);
    form.resetFields();
    form.setFieldsValue(typeValues(saved));
    setPreview(typeValues(saved));
    setNotice(message);
  };

  const send = (version: number, changes: PermitTypeChanges, message: string) => {
    setPlaced([]);
    setNotice(null);
    save.mutate(
      { id: type.id, scope, version, body: changes },
      {
        onSuccess: (saved) => {
          showSaved(saved, message);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'version_conflict' && error.current !== undefined) {
            setConflict({ current: error.current as AdminPermitType, changes });
            return;
          }
          setPlaced(placeFieldErrors(form, error, FORM_FIELDS));
        },
      },
    );
  };

  const takesEffect = onProject
    ? `Saved for ${projectName}: the next permit of this type there uses it.`
    : 'Saved tenant-wide: the next permit of this type on every project uses it (where no project override says otherwise).';

  const submit = () => {
    const values: TypeValues = form.getFieldsValue(true) as TypeValues;
    const changes = typeChanges(base, values, onProject);
    const empty = Object.keys(changes).length === 0;
    setUnchanged(empty);
    if (!empty) send(base.version, changes, takesEffect);
  };

  const reset = (fields: OverridableField[]) => {
    const names = fields.map((field) => FIELD_LABELS[field as EditableField]).join(', ');
    send(base.version, { reset: fields }, `${names}: back to the tenant-wide value.`);
  };

  const setRetired = (retired: boolean) => {
    setNotice(null);
    retire.mutate(
      { id: type.id, version: base.version, retire: retired },
      {
        onSuccess: (saved) => {
          showSaved(
            saved,
            retired ? 'Retired: no new permit may use it; permits that have it keep it.' : 'Back in service.',
          );
        },
      },
    );
  };

  const writeError = [save.error, retire.error, remove.error].find(
    (error) => error !== null && !(error instanceof ApiError && error.code === 'version_conflict' && conflict !== null),
  );
  const overridden = overriddenLabels(base);

  return (
    <Flex vertical gap="middle">
      <Flex wrap gap={8} align="center">
        {base.retired && <Tag color="default">Retired</Tag>}
        {onProject && !base.retired && !base.is_active && <Tag color="orange">Not offered on this project</Tag>}
        <Typography.Text type="secondary">
          Version {String(base.version)}
          {onProject ? ' of this project’s override' : ''} · used by {String(base.in_use)} permit
          {base.in_use === 1 ? '' : 's'}
          {onProject ? ' here' : ''}
        </Typography.Text>
      </Flex>
      {onProject && overridden.length > 0 && (
        <Alert
          type="info"
          showIcon
          message={`${projectName} overrides: ${overridden.map((item) => item.label).join(', ')}`}
          description={
            <Flex wrap gap={8}>
              {overridden.map((item) => (
                <Button
                  key={item.field}
                  disabled={save.isPending}
                  onClick={() => {
                    reset([item.field]);
                  }}
                >
                  Reset {item.label.toLowerCase()}
                </Button>
              ))}
            </Flex>
          }
        />
      )}
      {notice !== null && (
        <SuccessNotice
          message={notice}
          onClose={() => {
            setNotice(null);
          }}
        />
      )}
      {unchanged && <Alert type="info" showIcon message="Nothing changed: there is nothing to save." />}
      {writeError !== undefined && writeError !== null && <ErrorAlert error={writeError} shownFields={placed} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Form<TypeValues>
            form={form}
            layout="vertical"
            name={`permit-type-${String(type.id)}`}
            initialValues={typeValues(type)}
            onValuesChange={(_changed, all) => {
              setUnchanged(false);
              setPreview(all);
            }}
            onFinish={submit}
            disabled={save.isPending}
            scrollToFirstError
          >
            <TypeEditorSections onProject={onProject} overridden={base.overridden} />
            <Flex wrap gap={8} style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending && conflict === null}>
                {onProject ? 'Save for this project' : 'Save tenant-wide'}
              </Button>
              <Button
                htmlType="button"
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue(typeValues(base));
                  setPreview(typeValues(base));
                }}
              >
                Undo changes
              </Button>
            </Flex>
          </Form>
          {!onProject && (
            <Flex wrap gap={8} style={{ marginTop: 24 }}>
              {base.retired ? (
                <Button
                  loading={retire.isPending}
                  onClick={() => {
                    setRetired(false);
                  }}
                >
                  Put back in service
                </Button>
              ) : (
                <Popconfirm
                  title="Retire this type?"
                  description="It is no longer offered for new permits on any project; permits that have it keep it."
                  okText="Retire"
                  onConfirm={() => {
                    setRetired(true);
                  }}
                >
                  <Button loading={retire.isPending}>Retire</Button>
                </Popconfirm>
              )}
              <Popconfirm
                title="Delete this type?"
                description="Only a type no permit has ever used can be deleted; otherwise retire it."
                okText="Delete"
                okButtonProps={{ danger: true }}
                onConfirm={() => {
                  remove.mutate(type.id, {
                    onSuccess: () => {
                      void navigate(projectPath('/admin/permit-types?scope=tenant', projectId));
                    },
                  });
                }}
              >
                <Button danger loading={remove.isPending}>
                  Delete
                </Button>
              </Popconfirm>
            </Flex>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            Preview of the permit form
          </Typography.Title>
          <TypePreview values={preview} />
        </Col>
      </Row>
      {conflict !== null && (
        <ConflictDialog
          title="This permit type was changed by someone else"
          version={conflict.current.version}
          of={onProject ? `${conflict.current.name} on ${projectName}` : conflict.current.name}
          rows={typeConflictRows(conflict.current, conflict.changes)}
          pending={save.isPending}
          error={save.error instanceof ApiError && save.error.code === 'version_conflict' ? null : save.error}
          onReapply={() => {
            send(
              conflict.current.version,
              conflict.changes,
              `Your changes were saved on top of version ${String(conflict.current.version)}.`,
            );
          }}
          onDiscard={() => {
            showSaved(conflict.current, `Showing version ${String(conflict.current.version)}; your changes were discarded.`);
          }}
        />
      )}
    </Flex>
  );
}
