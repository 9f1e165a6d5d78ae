import { type FieldErrors, InputField } from './form.tsx';
import { listFieldError, splitCommas } from './list-text.ts';

type Props = { value: string; onChange: (value: string) => void; error?: string | undefined };

/** A person's name, wherever someone says who they are. */
export function NameField(props: Props) {
  return <InputField label="Name" name="name" autoComplete="name" {...props} />;
}

/** The company someone works for. */
export function CompanyField(props: Props) {
  return <InputField label="Company" name="company" autoComplete="organization" {...props} />;
}

/** The e-mail address someone signs in with. */
export function SignInEmailField(props: Props) {
  return <InputField label="E-mail" name="email" type="email" autoComplete="username" {...props} />;
}

/** A password being chosen. */
export function NewPasswordField(props: Props) {
  return (
    <InputField
      label="Password"
      name="password"
      hint="At least 12 characters; a few unrelated words make a good one."
      type="password"
      autoComplete="new-password"
      {...props}
    />
  );
}

/** A list typed as text separated by commas (platforms, devices); an error names the entry at fault. */
function CommaListField(props: {
  label: string;
  name: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
}) {
  const { errors, ...field } = props;
  return <InputField {...field} error={listFieldError(errors, props.name, splitCommas(props.value))} />;
}

/** What someone tests on: their platforms and devices, each a list typed with commas. */
export function TestSetupFields(props: {
  platforms: string;
  devices: string;
  set: (key: 'platforms' | 'devices') => (value: string) => void;
  errors: FieldErrors;
}) {
  const { set, errors } = props;
  return (
    <>
      <CommaListField
        label="Platforms"
        name="platforms"
        hint="What you test on, separated by commas, e.g. Windows 11, macOS 15."
        value={props.platforms}
        onChange={set('platforms')}
        errors={errors}
      />
      <CommaListField
        label="Devices"
        name="devices"
        hint="Separated by commas, e.g. Surface Pro 9, iPhone 15."
        value={props.devices}
        onChange={set('devices')}
        errors={errors}
      />
    </>
  );
}
