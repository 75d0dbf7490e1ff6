import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton, Tabs, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { FieldRecordsPanel } from '@/components/FieldRecordsPanel';
import { projectPath, useMe } from '@/lib/session';
import { usePermitEvents } from '../api/events';
import { usePermit } from '../api/permits';
import { usePermitTypes } from '../api/permitTypes';
import { usePermitReadiness } from '../api/readiness';
import { usePermitSignatures } from '../api/signatures';
import type { Permit } from '@/lib/api/models';
import { ActionBar } from '../components/ActionBar';
import { canEditContent } from '../components/editing';
import { statusInfo } from '@/lib/permits/status';
import { LoadedPermit } from '../components/LoadedPermit';
import { isReadOnlyRole, useProjectRole } from '@/lib/session';
import { useProjectTimeZone } from '@/lib/time/projectTimeZone';
import { OverviewTab } from './OverviewTab';
import { PrintControls } from './PrintControls';
import { RenumberControl } from './RenumberControl';
import { PermitHeader } from './PermitHeader';
import { MoreMenu } from './MoreMenu';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import {
  CloseoutTab,
  CrewTab,
  AttachmentsTab,
  GasTestsTab,
  IsolationsTab,
  PeopleTab,
  ReadinessPanel,
  TabPanel,
  TimeframesTab,
  TimelineTab,
} from './tabPanels';

/** A tab of one of the permit's parts, marked when the permit's type requires it. */
function PartLabel({ label, required }: { label: string; required: boolean | undefined }) {
  return (
    <span>
      {label}
      {required === true && (
        <Tag color="blue" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
          required
        </Tag>
      )}
    </span>
  );
}

function PermitDetail({ permit }: { permit: Permit }) {
  const me = useMe();
  const navigate = useNavigate();
  const timeZone = useProjectTimeZone(permit.project);
  const readiness = usePermitReadiness(permit.id);
  const events = usePermitEvents(permit.id);
  const signatures = usePermitSignatures(permit.id);
  const types = usePermitTypes(permit.project);
  const type = types.data?.find((candidate) => candidate.id === permit.permit_type.id);
  const readOnly = isReadOnlyRole(useProjectRole(permit.project));
  const requires = readiness.data?.requires;
  const part = { permit, readiness: readiness.data, timeZone, readOnly };
  const phone = useIsPhone();
  const edit = () => void navigate(projectPath(`/permits/${String(permit.id)}/edit`, permit.project));

  return (
    <Flex vertical gap="middle">
      <PermitHeader permit={permit} timeZone={timeZone} />
      {phone ? (
        <>
          <Flex justify="end">
            <MoreMenu
              permit={permit}
              onEdit={canEditContent(permit) ? edit : undefined}
              canRenumber={me.is_tenant_admin && !statusInfo(permit.status ?? '').terminal}
            />
          </Flex>
          <ActionBar permit={permit} readiness={readiness.data} signerName={me.name} timeZone={timeZone} />
        </>
      ) : (
        <Flex wrap gap="small" align="start">
          {canEditContent(permit) && (
            <Button icon={<EditOutlined aria-hidden />} onClick={edit}>
              Edit
            </Button>
          )}
          {/* Its own line when narrow: a flex basis of 0 would squeeze the reasons into a sliver. */}
          <div style={{ flex: '1 1 320px', minWidth: 0 }}>
            <ActionBar permit={permit} readiness={readiness.data} signerName={me.name} timeZone={timeZone} />
          </div>
          <PrintControls permit={permit} />
          {me.is_tenant_admin && !statusInfo(permit.status ?? '').terminal && <RenumberControl permit={permit} />}
        </Flex>
      )}
      {readiness.error !== null && <ErrorAlert error={readiness.error} />}
      <FieldRecordsPanel permitId={permit.id} timeZone={timeZone} />
      <Tabs
        defaultActiveKey="overview"
        items={[
          {
            key: 'overview',
            label: 'Overview',
            children: <OverviewTab permit={permit} type={type} timeZone={timeZone} />,
          },
          {
            key: 'readiness',
            label: 'Readiness',
            children:
              readiness.data === undefined ? (
                <Skeleton active />
              ) : (
                <TabPanel>
                  <ReadinessPanel readiness={readiness.data} />
                </TabPanel>
              ),
          },
          {
            key: 'gas-tests',
            label: <PartLabel label="Gas tests" required={requires?.gas_test} />,
            children: (
              <TabPanel>
                <GasTestsTab {...part} type={type} />
              </TabPanel>
            ),
          },
          {
            key: 'isolations',
            label: <PartLabel label="Isolations" required={requires?.isolation} />,
            children: (
              <TabPanel>
                <IsolationsTab {...part} />
              </TabPanel>
            ),
          },
          {
            key: 'crew',
            label: <PartLabel label="Workers & toolbox talk" required={requires?.toolbox_talk} />,
            children: (
              <TabPanel>
                <CrewTab {...part} type={type} />
              </TabPanel>
            ),
          },
          {
            key: 'closeout',
            label: <PartLabel label="Closeout" required={requires?.closeout} />,
            children: (
              <TabPanel>
                <CloseoutTab {...part} />
              </TabPanel>
            ),
          },
          {
            key: 'attachments',
            label: <PartLabel label="Attachments" required={type !== undefined && type.required_attachments.length > 0} />,
            children: (
              <TabPanel>
                <AttachmentsTab {...part} type={type} />
              </TabPanel>
            ),
          },
          {
            key: 'timeframes',
            label: 'Time & handover',
            children: (
              <TabPanel>
                <TimeframesTab {...part} />
              </TabPanel>
            ),
          },
          {
            key: 'timeline',
            label: events.data === undefined ? 'Timeline' : `Timeline (${String(events.data.length)})`,
            children:
              events.error !== null ? (
                <ErrorAlert error={events.error} />
              ) : events.data === undefined ? (
                <Skeleton active />
              ) : (
                <TabPanel>
                  <TimelineTab permitId={permit.id} events={events.data} timeZone={timeZone} canComment={!readOnly} />
                </TabPanel>
              ),
          },
          {
            key: 'people',
            label: 'People & signatures',
            children: (
              <>
                {signatures.error !== null && <ErrorAlert error={signatures.error} />}
                <TabPanel>
                  <PeopleTab permit={permit} signatures={signatures.data} timeZone={timeZone} />
                </TabPanel>
              </>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** /permits/:id — one permit, what the caller may do with it now, and its history. */
export function PermitDetailPage() {
  const id = Number(useParams().id);
  const permit = usePermit(id);
  const listPath = permit.data === undefined ? '/permits' : projectPath('/permits', permit.data.project);
  const phone = useIsPhone();
  return (
    <Flex vertical gap="middle">
      <Link to={listPath} style={phone ? TAP_TARGET_STYLE : undefined}>
        <ArrowLeftOutlined aria-hidden /> All permits
      </Link>
      <LoadedPermit permit={permit}>{(loaded) => <PermitDetail permit={loaded} />}</LoadedPermit>
    </Flex>
  );
}
