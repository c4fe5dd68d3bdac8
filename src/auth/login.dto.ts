import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AUTHORITY_TYPES, ROLES, type AuthorityType, type Role } from '../workflow/roles';

export class LoginDto {
  @ApiProperty({ example: 'applicant' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ example: 'Demo-Password-2026' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

/** Who signed in, as the other answers name them (`applicantId`, `actorId` are this `id`). */
export class LoginUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ format: 'uuid' }) authorityId!: string;
  @ApiProperty({ enum: AUTHORITY_TYPES }) authorityType!: AuthorityType;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refresh token from the sign-in or the last refresh; each is spent once' })
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'seconds until the access token expires (at most 15 minutes)' }) expiresIn!: number;
  @ApiProperty({ description: 'spend once at `POST /auth/refresh` for a new pair; presenting a spent one ends the session' })
  refreshToken!: string;
  @ApiProperty({ format: 'uuid', description: 'the session these tokens belong to (`GET /me/sessions`)' }) sessionId!: string;
  @ApiProperty({ format: 'date-time', description: 'when the session ends however often it is refreshed (12 hours after sign-in)' })
  sessionExpiresAt!: string;
  @ApiProperty({ type: LoginUserDto }) user!: LoginUserDto;
}

/** One of the caller's live sessions. */
export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the last request in it, to within a minute' }) lastActiveAt!: string;
  @ApiProperty({ format: 'date-time', description: 'when it ends however often it is refreshed' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the client that signed in (its User-Agent)' }) userAgent!: string | null;
  @ApiProperty({ description: 'whether it is the session of the token that asked' }) current!: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: SessionDto, isArray: true }) items!: SessionDto[];
}
